/** The Learner: its training loop and the events it raises for callbacks (in progress). */
package org.boarfish.learner;
