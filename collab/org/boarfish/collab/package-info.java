/** Collaborative filtering: embedding models of users and items and their learner (in progress). */
package org.boarfish.collab;
