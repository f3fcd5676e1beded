// The matcher users get from `palisade/jest`, registered for this repo's own tests.
import '../../jest/index';
