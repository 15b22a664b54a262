// Node-only packages (onnxruntime-node, node-gyp-build) in the browser bundle: importing is harmless, using them is
// an error that names the cause. The worker always selects the WASM core and onnxruntime-web.
function unavailable(): never {
  throw new Error('this Node-only module is not available in the browser; use the WASM core and onnxruntime-web');
}

export default unavailable;
