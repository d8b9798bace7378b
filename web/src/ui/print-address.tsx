/** On paper only: the address the page was printed from, so a printed reading can be found again. */
import { useLocation } from '../router.js';

export function PrintAddress() {
  // Re-rendered on every move within the app, so it always names the page shown.
  useLocation();
  return <p className="print-only print-address">Printed from {window.location.href}</p>;
}
