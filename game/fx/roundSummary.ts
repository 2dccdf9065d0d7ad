/** The round's ranking and best player, from the players' scores: pure, for the round-end screen. */

export interface Scored {
  name: string;
  score: number;
  deaths: number;
}

/** Most kills first; fewer deaths break a tie; then by name, so the order never flickers. */
export function ranking<P extends Scored>(players: Iterable<P>): P[] {
  return [...players].sort((a, b) => b.score - a.score || a.deaths - b.deaths || a.name.localeCompare(b.name));
}

/** The round's best player: the top of the ranking, if anyone scored; a round of no kills has none. */
export function bestPlayer<P extends Scored>(players: Iterable<P>): P | undefined {
  const top = ranking(players)[0];
  return top && top.score > 0 ? top : undefined;
}

/** The countdown to show in the last seconds of the intermission ("3", "2", "1"), else undefined. */
export function countdown(secondsLeft: number, from = 3): number | undefined {
  return secondsLeft >= 1 && secondsLeft <= from ? secondsLeft : undefined;
}
