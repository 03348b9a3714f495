// What a review question is: its text and the answer selfCheck shows folded under it.

export interface ReviewQuestion {
  readonly question: string;
  readonly answer: string;
}

/** Per notebook: review id (`chNN-…`) → question and answer. */
export type ReviewTable = { readonly [reviewId: string]: ReviewQuestion };
