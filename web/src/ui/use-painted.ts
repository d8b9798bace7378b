/** The value given, once a frame drawn with it has been painted; until then the one before it
 * (undefined at first). Lets a component draw what is in view in one frame and the rest in the next. */
import { useEffect, useState } from 'react';

export function usePainted<T>(value: T): T | undefined {
  const [painted, setPainted] = useState<T>();
  useEffect(() => {
    // A frame's callback runs before that frame is painted; a task queued from it runs after.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(() => value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value]);
  return painted;
}
