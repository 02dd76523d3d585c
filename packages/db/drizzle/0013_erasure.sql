-- Retention and erasure (issue 12): filled in by the erasure work.
SELECT 1;
