package org.boarfish.collab;

/**
 * One (user, item) pair to predict a rating for, with raw ids (or an item title): {@code
 * learn.predict(UserItem.of(196, 242))}.
 *
 * @param user the user id, as in the ratings file
 * @param item the item id, or its title when the data has titles
 */
public record UserItem(Object user, Object item) {
  /** Checks that both are given. */
  public UserItem {
    if (user == null || item == null) {
      throw new IllegalArgumentException(
          "a UserItem needs a user and an item, got (" + user + ", " + item + ")");
    }
  }

  /** {@code new UserItem(user, item)}. */
  public static UserItem of(Object user, Object item) {
    return new UserItem(user, item);
  }
}
