/**
 * The clock the demo's services read. Seeding travels back to each wave so that joining dates,
 * consent and submission times fall where a real project would have put them; afterwards the
 * clock is back in the present, so the served demo behaves like any other start.
 */
export interface DemoClock {
  now: () => Date;
  travelTo: (at: Date) => void;
  backToPresent: () => void;
}

export function demoClock(present: () => Date = () => new Date()): DemoClock {
  let travelled: Date | null = null;
  return {
    now: () => (travelled ? new Date(travelled) : present()),
    travelTo: (at) => {
      travelled = new Date(at);
    },
    backToPresent: () => {
      travelled = null;
    },
  };
}
