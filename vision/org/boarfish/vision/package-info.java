/** Computer vision: images, their transforms, data loaders, models and learners (in progress). */
package org.boarfish.vision;
