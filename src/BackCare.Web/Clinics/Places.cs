using System.Globalization;
using System.Text.RegularExpressions;
using BackCare.Web.Content;

namespace BackCare.Web.Clinics;

/// <summary>How a place's country says distances.</summary>
public enum DistanceUnit
{
    Miles,
    Kilometres,
}

/// <summary>A place a person typed (a US ZIP), where the table puts it, and how distances from it are said.</summary>
public sealed record Place(string Code, double Latitude, double Longitude, DistanceUnit Unit);

/// <summary>Why a typed place was not found.</summary>
public enum PlaceProblem
{
    /// <summary>Nothing was typed.</summary>
    Empty,

    /// <summary>Not written as any place the table could hold (a US ZIP is 5 digits, or 5-4 with ZIP+4).</summary>
    Malformed,

    /// <summary>Written as a ZIP, but no such ZIP is in the table.</summary>
    Unknown,
}

/// <summary>
/// The places BackCare knows, to order clinics by distance with no map service (decision 0026): the US ZIP centroids of
/// <c>content/places/us-zip.csv</c>, read once, when first asked, into three arrays (33,791 ZIPs: about 400 KB).
/// What a person types is looked up and forgotten: it is never stored, and never logged.
/// </summary>
public sealed partial class Places(string root)
{
    public const string DefaultRoot = "content/places";

    public const string UsZipFile = "us-zip.csv";

    /// <summary>The mean radius of the Earth (IUGG), in kilometres.</summary>
    private const double EarthRadiusKm = 6371.0088;

    private const double KmPerMile = 1.609344;

    /// <summary>The longest text worth reading as a place; anything longer is not one.</summary>
    public const int MaxLength = 20;

    private readonly Lazy<ZipTable> _usZips = new(() => ZipTable.Load(Path.Combine(root, UsZipFile)), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The place written as <paramref name="typed"/>, or why there is none.</summary>
    public (Place? Place, PlaceProblem? Problem) Find(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            return (null, PlaceProblem.Empty);
        }

        if (text.Length > MaxLength || !UsZip().IsMatch(text))
        {
            return (null, PlaceProblem.Malformed);
        }

        var zip = text[..5];
        return _usZips.Value.Find(int.Parse(zip, CultureInfo.InvariantCulture)) is { } point
            ? (new Place(zip, point.Latitude, point.Longitude, DistanceUnit.Miles), null)
            : (null, PlaceProblem.Unknown);
    }

    /// <summary>The distance along the Earth's surface between two points (haversine, on a sphere), in kilometres.</summary>
    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude2 - latitude1);
        var dLon = Radians(longitude2 - longitude1);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + (Math.Cos(Radians(latitude1)) * Math.Cos(Radians(latitude2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A distance in kilometres, in the place's unit.</summary>
    public static double InUnit(double km, DistanceUnit unit) => unit == DistanceUnit.Miles ? km / KmPerMile : km;

    [GeneratedRegex(@"^[0-9]{5}(-[0-9]{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex UsZip();

    /// <summary>Finds the folder of places as the content is found: beside the app or in a folder above it.</summary>
    public static Places FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return new Places(ContentSetup.FindRoot(configuration["Places:Root"] ?? DefaultRoot, environment.ContentRootPath, AppContext.BaseDirectory));
    }

    /// <summary>ZIPs sorted, with their points: a binary search, no hashing, and three flat arrays for the collector.</summary>
    private sealed class ZipTable(int[] zips, float[] latitudes, float[] longitudes)
    {
        public (double Latitude, double Longitude)? Find(int zip)
        {
            var at = Array.BinarySearch(zips, zip);
            return at < 0 ? null : (latitudes[at], longitudes[at]);
        }

        public static ZipTable Load(string path)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The table of places {path} is missing: ship content/places with the app, or set Places:Root to its folder.");
            }

            var zips = new List<int>(34_000);
            var latitudes = new List<float>(34_000);
            var longitudes = new List<float>(34_000);
            using var reader = new StreamReader(path);
            var header = reader.ReadLine();
            if (header != "zip,lat,lon")
            {
                throw new InvalidOperationException($"{path} does not start with the line zip,lat,lon.");
            }

            while (reader.ReadLine() is { } line)
            {
                var parts = line.Split(',');
                var zip = int.Parse(parts[0], CultureInfo.InvariantCulture);
                if (zips.Count > 0 && zip <= zips[^1])
                {
                    throw new InvalidOperationException($"{path} is not sorted by ZIP at {parts[0]}.");
                }

                zips.Add(zip);
                latitudes.Add(float.Parse(parts[1], CultureInfo.InvariantCulture));
                longitudes.Add(float.Parse(parts[2], CultureInfo.InvariantCulture));
            }

            return new ZipTable([.. zips], [.. latitudes], [.. longitudes]);
        }
    }
}
