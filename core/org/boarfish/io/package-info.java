/**
 * Weight files: state dicts ({@code Map<String, Tensor>} in file order) read from and written to
 * safetensors, PyTorch {@code .pth} (read only, through a restricted unpickler that never runs
 * code) and NumPy {@code .npz}; and {@link org.boarfish.io.LoadReport}, how a state dict matched a
 * model.
 */
package org.boarfish.io;
