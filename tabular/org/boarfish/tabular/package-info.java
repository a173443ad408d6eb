/**
 * Tabular data: preprocessing of DataFrame columns, the tabular model and its learner (in
 * progress).
 */
package org.boarfish.tabular;
