/**
 * The corpus model as an ONNX graph: a token table looked up by id (Gather), with padding
 * positions zeroed by the attention mask. transformers.js runs it like any BERT encoder and
 * mean-pools `last_hidden_state` itself.
 */
import onnxProto, { type onnx as Onnx } from 'onnx-proto';
import { CasechatError } from '../errors.js';

const { onnx } = onnxProto;

/** ONNX IR version 8 and opset 13: both supported by onnxruntime-node 1.14 (transformers.js 2.17.2). */
const IR_VERSION = 8;
const OPSET = 13;

/** A dimension parameter (named, symbolic) or a fixed size. */
type Dim = string | number;

function tensorType(elemType: number, dims: Dim[]): Onnx.ITypeProto {
  return {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
    },
  };
}

function valueInfo(name: string, elemType: number, dims: Dim[]): Onnx.IValueInfoProto {
  return { name, type: tensorType(elemType, dims) };
}

/** Little-endian float32 bytes, as `TensorProto.raw_data` requires on any host. */
function float32Bytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

/**
 * Encode a static embedding model: inputs `input_ids` and `attention_mask` (int64
 * [batch, sequence]), output `last_hidden_state` (float32 [batch, sequence, dim]) where each
 * position holds row `input_ids` of `table` times its mask value. The mask is wired into the
 * graph (not left dangling) so onnxruntime lists it among the session's inputs and
 * transformers.js feeds it; `token_type_ids` is not an input, so it is never fed.
 *
 * @param table row-major `vocabSize × dim` float32 vectors, row i for token id i
 */
export function encodeGatherModel(table: Float32Array, vocabSize: number, dim: number): Uint8Array {
  if (!Number.isInteger(vocabSize) || !Number.isInteger(dim) || vocabSize < 1 || dim < 1) {
    throw new CasechatError('INVALID_ARGUMENT', 'embed', `vocabSize ${vocabSize} and dim ${dim} must be positive integers`);
  }
  if (table.length !== vocabSize * dim) {
    throw new CasechatError('INVALID_ARGUMENT', 'embed', `table has ${table.length} values, expected vocabSize × dim = ${vocabSize * dim}`);
  }
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const { INT } = onnx.AttributeProto.AttributeType;
  const graph: Onnx.IGraphProto = {
    name: 'casechat_static_embeddings',
    input: [valueInfo('input_ids', INT64, ['batch', 'sequence']), valueInfo('attention_mask', INT64, ['batch', 'sequence'])],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dim])],
    initializer: [
      { name: 'embeddings', dataType: FLOAT, dims: [vocabSize, dim], rawData: float32Bytes(table) },
      { name: 'last_axis', dataType: INT64, dims: [1], int64Data: [-1] },
    ],
    node: [
      // token_vectors[b, s, :] = embeddings[input_ids[b, s], :]
      {
        name: 'lookup',
        opType: 'Gather',
        input: ['embeddings', 'input_ids'],
        output: ['token_vectors'],
        attribute: [{ name: 'axis', type: INT, i: 0 }],
      },
      // last_hidden_state = token_vectors · attention_mask[..., None]: padding rows are zero.
      {
        name: 'mask_to_float',
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_float'],
        attribute: [{ name: 'to', type: INT, i: FLOAT }],
      },
      { name: 'mask_column', opType: 'Unsqueeze', input: ['mask_float', 'last_axis'], output: ['mask_column'] },
      { name: 'mask_padding', opType: 'Mul', input: ['token_vectors', 'mask_column'], output: ['last_hidden_state'] },
    ],
  };
  const model: Onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'casechat',
    producerVersion: '1',
    graph,
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
