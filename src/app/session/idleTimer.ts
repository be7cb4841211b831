// When a person last touched the tablet, and whether the idle limit has passed. Timers are not
// trusted alone: a tablet asleep or a hidden tab stops them, so every check compares clocks.
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const

export function isIdle(lastActivityMs: number, nowMs: number, limitMinutes: number): boolean {
  return nowMs - lastActivityMs >= limitMinutes * 60_000
}
