//! Language features of a sentence: modality, negation, exceptions, durations.
