/**
 * Data pipelines in the manner of fastai's mid-level API: typed items, {@link org.boarfish.data.Transform}s and
 * {@link org.boarfish.data.Pipeline}s, {@link org.boarfish.data.TfmdLists} and {@link org.boarfish.data.Datasets},
 * {@link org.boarfish.data.DataLoader}s with worker threads, the declarative {@link org.boarfish.data.DataBlock}
 * with its blocks, getters, labellers and splitters, and the download cache.
 */
package org.boarfish.data;
