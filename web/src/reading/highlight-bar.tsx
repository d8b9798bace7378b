/** What a reason's "show the cells" marked, and the way back to the reason. On a wide enough
 * window the stylesheet fixes it to the window's foot, where it stays at hand while the grid is
 * read and moves nothing in the page (styles.css, "A highlight moves nothing"). */
import { useRef } from 'react';
import { useRoomAtFoot } from '../ui/use-room-at-foot.js';
import type { Highlight } from './highlight.js';

export function HighlightBar({
  highlight,
  onClear,
}: {
  highlight: Highlight | undefined;
  onClear: () => void;
}) {
  if (!highlight) return null;
  return <Bar text={highlight.text} onClear={onClear} />;
}

function Bar({ text, onClear }: { text: string; onClear: () => void }) {
  const bar = useRef<HTMLDivElement>(null);
  useRoomAtFoot(bar);
  return (
    <div className="highlight-bar" ref={bar}>
      <p>
        <strong>Marked “Cited”:</strong> what this reason rests on — “{text}”
      </p>
      <button type="button" className="button secondary" onClick={onClear}>
        Back to the reason
      </button>
    </div>
  );
}
