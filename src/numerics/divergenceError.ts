/**
 * Thrown when gradient descent produces a NaN or infinite loss. A distinct
 * class so the figure pipeline can recognise it and prefix the figure id;
 * the message already names the step and the learning rate.
 */
export class DivergenceError extends Error {
  readonly step: number;
  readonly lr: number;
  readonly loss: number;
  constructor(step: number, lr: number, loss: number) {
    super(`gradient descent diverged at step ${step} with learning rate ${lr}: loss is ${loss}`);
    this.name = 'DivergenceError';
    this.step = step;
    this.lr = lr;
    this.loss = loss;
  }
}
