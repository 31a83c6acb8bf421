namespace BackCare.Data.Clinics;

/// <summary>
/// Percentiles as spreadsheets and numpy compute them by default (Hyndman and Fan's type 7, Excel's
/// <c>PERCENTILE.INC</c>): the value at rank <c>(n - 1) p</c>, interpolated between its neighbours, so the median of
/// 2, 3, 5, 8 is 4 and that of one value is the value.
/// </summary>
public static class Percentile
{
    /// <summary>The <paramref name="p"/>-th percentile (0 to 1) of the values; null when there are none.</summary>
    public static double? Of(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    public static double? Median(IEnumerable<double> values) => Of(values, 0.5);

    /// <summary>
    /// The same percentile of values given as how many times each occurs (e.g. pain scores 0 to 10 over thousands of
    /// people), without writing each one out: the same ranks, the same interpolation, the same result.
    /// </summary>
    public static double? OfCounts(IEnumerable<(double Value, int Count)> counts, double p)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var sorted = counts.Where(c => c.Count > 0).OrderBy(c => c.Value).ToArray();
        var total = sorted.Sum(c => (long)c.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = (total - 1) * p;
        var below = (long)Math.Floor(rank);
        var above = Math.Min(below + 1, total - 1);
        double At(long index)
        {
            foreach (var (value, count) in sorted)
            {
                if (index < count)
                {
                    return value;
                }

                index -= count;
            }

            throw new InvalidOperationException("The index is past the last value.");
        }

        return At(below) + (rank - below) * (At(above) - At(below));
    }
}
