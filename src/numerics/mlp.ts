/**
 * A fully connected 1-D → 1-D network and the layout of its parameters in ONE
 * flat Float64Array, so gradient descent is a vector update and
 * ‖w − w0‖ / ‖w0‖ is a single pass.
 *
 * Layers l = 0 … depth: layer 0 maps the input (fan-in 1) to hidden layer 1,
 * layer l (1 ≤ l < depth) maps hidden l to hidden l+1 (width × width), and
 * layer `depth` maps the last hidden layer to the scalar output (fan-out 1).
 * Layer l occupies, in order:
 *   - its weights W_l, row-major fanIn × fanOut: W_l[k, j] = params[weightOffset + k·fanOut + j]
 *     connects input unit k to output unit j (so z_j = Σ_k h_k W[k, j] + b_j);
 *   - then, when biases are on, its bias b_l (fanOut entries) at biasOffset.
 * The input-major orientation makes the batched forward pass an i-k-j product
 * whose inner loop runs over contiguous memory.
 *
 * Initialisation (`initParams`): LeCun, W ~ N(0, 1/fanIn); biases
 * U(−1/√fanIn, +1/√fanIn), PyTorch's nn.Linear default that the original code
 * used. In particular first-layer biases are U(−1, 1), which spreads the
 * first-layer ReLU kinks (at x = −b_j / W_0[0, j]) over the x axis instead of
 * stacking them all at x = 0.
 */
import type { ActivationName } from './activation';
import type { Rng } from './rng';

export interface MlpSpec {
  /** Number of hidden layers L (≥ 1). */
  depth: number;
  /** Width m of every hidden layer (≥ 1). */
  width: number;
  /** Default 'relu'. */
  activation?: ActivationName;
  /** Biases on every layer (default true). */
  bias?: boolean;
}

export interface LayerLayout {
  fanIn: number;
  fanOut: number;
  weightOffset: number;
  /** −1 when the network has no biases. */
  biasOffset: number;
}

export interface Mlp {
  readonly depth: number;
  readonly width: number;
  readonly activation: ActivationName;
  readonly bias: boolean;
  /** depth + 1 layers, input layer first. */
  readonly layers: readonly LayerLayout[];
  /** Total number of parameters p. */
  readonly size: number;
}

export function createMlp(spec: MlpSpec): Mlp {
  const { depth, width } = spec;
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`createMlp: depth must be an integer ≥ 1, got ${depth}`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`createMlp: width must be an integer ≥ 1, got ${width}`);
  const activation = spec.activation ?? 'relu';
  const bias = spec.bias ?? true;
  const layers: LayerLayout[] = [];
  let offset = 0;
  for (let l = 0; l <= depth; l++) {
    const fanIn = l === 0 ? 1 : width;
    const fanOut = l === depth ? 1 : width;
    const weightOffset = offset;
    offset += fanIn * fanOut;
    const biasOffset = bias ? offset : -1;
    if (bias) offset += fanOut;
    layers.push({ fanIn, fanOut, weightOffset, biasOffset });
  }
  return Object.freeze({ depth, width, activation, bias, layers: Object.freeze(layers), size: offset });
}

/** Draws LeCun weights and uniform biases (see the file comment) into `out` (allocated if omitted). */
export function initParams(net: Mlp, rng: Rng, out: Float64Array = new Float64Array(net.size)): Float64Array {
  checkParams(net, out, 'initParams');
  for (const layer of net.layers) {
    const sd = 1 / Math.sqrt(layer.fanIn);
    const nw = layer.fanIn * layer.fanOut;
    for (let i = 0; i < nw; i++) out[layer.weightOffset + i] = sd * rng.normal();
    if (layer.biasOffset >= 0) {
      for (let j = 0; j < layer.fanOut; j++) out[layer.biasOffset + j] = sd * (2 * rng.uniform() - 1);
    }
  }
  return out;
}

export interface MatrixView {
  /** Row-major rows × cols, a view into the parameter vector (no copy: it changes with training). */
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * The weight matrix of layer `layer` as a row-major view, rows = input units,
 * cols = output units. For L = 2, `weightView(net, w, 1)` is the m×m matrix
 * between the two hidden layers.
 */
export function weightView(net: Mlp, params: Float64Array, layer: number): MatrixView {
  checkParams(net, params, 'weightView');
  const lay = net.layers[layer];
  if (!lay) throw new RangeError(`weightView: layer must be in [0, ${net.depth}], got ${layer}`);
  const n = lay.fanIn * lay.fanOut;
  return { data: params.subarray(lay.weightOffset, lay.weightOffset + n), rows: lay.fanIn, cols: lay.fanOut };
}

export function checkParams(net: Mlp, params: Float64Array, where: string): void {
  if (!(params instanceof Float64Array) || params.length !== net.size) {
    throw new RangeError(`${where}: expected a Float64Array of ${net.size} parameters, got length ${(params as { length?: number })?.length}`);
  }
}
