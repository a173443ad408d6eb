/**
 * Data pipelines: transforms, datasets, data loaders, the DataBlock builder and the download cache
 * (in progress).
 */
package org.boarfish.data;
