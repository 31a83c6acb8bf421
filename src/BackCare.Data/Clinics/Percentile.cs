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
}
