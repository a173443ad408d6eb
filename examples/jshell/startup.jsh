// Loaded by ./boarfish jshell after JShell's DEFAULT startup. The launcher appends one import per library package
// compiled into target/classes, so new packages (org.boarfish.nn, org.boarfish.data, ...) need no edit here.
import java.nio.file.*;
import java.util.*;
import org.boarfish.tensor.*;
