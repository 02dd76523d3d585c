-- Key rotation (issue 12): filled in by the rotation work.
SELECT 1;
