/** Tensors with reverse-mode automatic differentiation over ND4J arrays. */
package org.boarfish.tensor;
