// Messages shared by the keys whose learners derive a matrix backward pass (06, 08): a mistake named the same way everywhere.

/** A gradient that came out transposed: the shapes say so, and say which order makes them meet. */
export const missingTranspose = (name: string, got: string, want: string): string =>
  `Missing transpose: ${name} came out ${got}, but a gradient has the shape of its value, ${want}. Put the factors in the order (and with the transpose) that makes the shapes meet.`;
