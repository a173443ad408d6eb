/**
 * Text: tokenizing, numericalizing, language-model and classifier data and learners (in progress).
 */
package org.boarfish.text;
