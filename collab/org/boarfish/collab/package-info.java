/**
 * Collaborative filtering (fastai's {@code collab}): {@link org.boarfish.collab.CollabDataLoaders},
 * the {@link org.boarfish.collab.EmbeddingDotBias} and {@link org.boarfish.collab.EmbeddingNN}
 * models, {@link org.boarfish.collab.Collab#learner}, and {@link
 * org.boarfish.collab.CollabInterpretation}.
 */
package org.boarfish.collab;
