/** A problem from the API, said at the top of a form or page and announced at once. With field
 * problems it lists each, linked to its field (whose own message sits beside it). */
import type { Problem } from '../api.js';
import { WarningShape } from './shapes.js';

export function ProblemAlert({
  problem,
  fields = {},
}: {
  problem: Problem | undefined;
  /** The form's fields: name → label, for problems that name a field ("body.email"). */
  fields?: Readonly<Record<string, string>>;
}) {
  const listed = (problem?.problems ?? []).flatMap((p) => {
    const name = p.field.replace(/^body\./, '');
    const label = fields[name];
    return label ? [{ name, label, message: p.message }] : [];
  });
  return (
    <div role="alert" className={problem ? 'problem' : 'problem-empty'}>
      {problem ? (
        <>
          <WarningShape />
          {listed.length > 0 ? (
            <div>
              <p>
                <strong>
                  Please check {listed.length === 1 ? 'this answer' : 'these answers'}:
                </strong>
              </p>
              <ul>
                {listed.map((p) => (
                  <li key={p.name}>
                    <a href={`#${p.name}`}>
                      {p.label}: {p.message}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>{problem.detail}</p>
          )}
        </>
      ) : null}
    </div>
  );
}
