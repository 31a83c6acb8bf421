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

/// <summary>Which kind of code a person typed: a US ZIP, or a UK postcode (looked up by its outward code).</summary>
public enum PlaceKind
{
    UsZip,
    UkPostcode,
}

/// <summary>
/// A place a person typed, where the table puts it, and how distances from it are said. <see cref="Code"/> is what was
/// looked up: the five digits of a ZIP, or the outward code of a UK postcode ("SW1A"), which is also what the page's
/// links carry on.
/// </summary>
public sealed record Place(string Code, double Latitude, double Longitude, DistanceUnit Unit, PlaceKind Kind = PlaceKind.UsZip);

/// <summary>What a look-up found: the place, or the problem and the code that was looked for (to say it back).</summary>
public sealed record PlaceLookup(Place? Place, PlaceProblem? Problem, string? Code)
{
    public void Deconstruct(out Place? place, out PlaceProblem? problem)
    {
        place = Place;
        problem = Problem;
    }
}

/// <summary>Why a typed place was not found.</summary>
public enum PlaceProblem
{
    /// <summary>Nothing was typed.</summary>
    Empty,

    /// <summary>Not written as any place the table could hold (a US ZIP is 5 digits, or 5-4 with ZIP+4).</summary>
    Malformed,

    /// <summary>Written as a ZIP or a UK postcode, but the table has no such ZIP or outward code.</summary>
    Unknown,

    /// <summary>Written as a UK postcode, on a server given no table of UK outward codes.</summary>
    UkNotKnownHere,
}

/// <summary>
/// The places BackCare knows, to order clinics by distance with no map service (decisions 0026 and 0028): the US ZIP
/// centroids of <c>content/places/us-zip.csv</c>, and, where the operator supplies one, a table of UK outward codes
/// (<c>uk-outcode.csv</c>), each read once, when first asked, and checked line by line then.
/// What a person types is looked up and forgotten: it is never stored, and never logged.
/// </summary>
public sealed partial class Places
{
    public const string DefaultRoot = "content/places";

    public const string UsZipFile = "us-zip.csv";

    /// <summary>The UK table's name in the folder of places, looked for there when <c>Places:UkOutcodes</c> is not set.</summary>
    public const string UkOutcodeFile = "uk-outcode.csv";

    /// <summary>The mean radius of the Earth (IUGG), in kilometres.</summary>
    private const double EarthRadiusKm = 6371.0088;

    private const double KmPerMile = 1.609344;

    /// <summary>The longest text worth reading as a place; anything longer is not one.</summary>
    public const int MaxLength = 20;

    private readonly Lazy<ZipTable> _usZips;

    private readonly Lazy<OutcodeTable>? _ukOutcodes;

    /// <param name="root">The folder of places (<c>us-zip.csv</c>, and <c>uk-outcode.csv</c> when the operator adds it).</param>
    /// <param name="ukOutcodes">
    /// The UK table named by the operator (<c>Places:UkOutcodes</c>; relative to <paramref name="root"/>), which must
    /// then exist; null to use <c>uk-outcode.csv</c> in <paramref name="root"/> if it is there, and know no UK postcode if not.
    /// </param>
    public Places(string root, string? ukOutcodes = null)
    {
        _usZips = new(() => ZipTable.Load(Path.Combine(root, UsZipFile)), LazyThreadSafetyMode.ExecutionAndPublication);
        var ukPath = string.IsNullOrWhiteSpace(ukOutcodes) ? Path.Combine(root, UkOutcodeFile) : Path.Combine(root, ukOutcodes.Trim());
        if (!string.IsNullOrWhiteSpace(ukOutcodes) || File.Exists(ukPath))
        {
            _ukOutcodes = new(() => OutcodeTable.Load(ukPath), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>True when the operator supplied a table of UK outward codes, so the field takes a UK postcode too.</summary>
    public bool KnowsUkPostcodes => _ukOutcodes is not null;

    /// <summary>The place written as <paramref name="typed"/>, or why there is none.</summary>
    public PlaceLookup Find(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            return new(null, PlaceProblem.Empty, null);
        }

        if (text.Length > MaxLength)
        {
            return new(null, PlaceProblem.Malformed, null);
        }

        if (UsZip().IsMatch(text))
        {
            var zip = text[..5];
            return _usZips.Value.Find(int.Parse(zip, CultureInfo.InvariantCulture)) is { } point
                ? new(new Place(zip, point.Latitude, point.Longitude, DistanceUnit.Miles), null, zip)
                : new(null, PlaceProblem.Unknown, zip);
        }

        if (OutwardCodeOf(text) is not { } outward)
        {
            return new(null, PlaceProblem.Malformed, null);
        }

        if (_ukOutcodes is null)
        {
            return new(null, PlaceProblem.UkNotKnownHere, outward);
        }

        // Miles: the UK signs its roads in miles, and a person thinks of the way to a clinic in them.
        return _ukOutcodes.Value.Find(outward) is { } found
            ? new(new Place(outward, found.Latitude, found.Longitude, DistanceUnit.Miles, PlaceKind.UkPostcode), null, outward)
            : new(null, PlaceProblem.Unknown, outward);
    }

    /// <summary>
    /// The outward code of a UK postcode written in full ("SW1A 1AA", "sw1a1aa") or by its outward code alone ("SW1A"),
    /// in capitals; null for anything else. The inward code is always a digit and two letters, so the outward code is
    /// what comes before the last three characters of a full postcode, with or without the space.
    /// </summary>
    public static string? OutwardCodeOf(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.Length > MaxLength)
        {
            return null;
        }

        // Spaces carry nothing in a postcode: "SW1A 1AA", "SW1A  1AA" and "sw1a1aa" are one place.
        text = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

        var full = UkPostcode().Match(text);
        if (full.Success)
        {
            return full.Groups["outward"].Value;
        }

        return UkOutwardCode().IsMatch(text) ? text : null;
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

    /// <summary>A full UK postcode without its space: an outward code (area letters, district digit, maybe one more character), then the inward code.</summary>
    [GeneratedRegex(@"^(?<outward>[A-Z]{1,2}[0-9][A-Z0-9]?)[0-9][A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex UkPostcode();

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]?$", RegexOptions.CultureInvariant)]
    private static partial Regex UkOutwardCode();

    /// <summary>Finds the folder of places as the content is found: beside the app or in a folder above it.</summary>
    public static Places FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return new Places(
            ContentSetup.FindRoot(configuration["Places:Root"] ?? DefaultRoot, environment.ContentRootPath, AppContext.BaseDirectory),
            configuration["Places:UkOutcodes"]);
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

    /// <summary>
    /// The operator's UK outward codes with their points (about 3,000: a dictionary). Checked line by line as it is
    /// read, so a wrong file is named with its line the first time a postcode is typed, not half-used.
    /// </summary>
    private sealed class OutcodeTable(Dictionary<string, (float Latitude, float Longitude)> points)
    {
        public const string Header = "outcode,lat,lon";

        public (double Latitude, double Longitude)? Find(string outward) =>
            points.TryGetValue(outward, out var point) ? (point.Latitude, point.Longitude) : null;

        public static OutcodeTable Load(string path)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The table of UK outward codes {path} (Places:UkOutcodes) is missing: make it with tools/places/make-uk-outcode.py, or remove the setting.");
            }

            var points = new Dictionary<string, (float, float)>(3_500, StringComparer.Ordinal);
            var firstSeen = new Dictionary<string, int>(3_500, StringComparer.Ordinal);
            using var reader = new StreamReader(path);
            if (reader.ReadLine()?.Trim() != Header)
            {
                throw Wrong(path, 1, $"the first line must be {Header}");
            }

            var number = 1;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                var parts = line.Split(',');
                if (parts.Length != 3)
                {
                    throw Wrong(path, number, $"expected 3 values ({Header}), found {parts.Length}");
                }

                var outward = parts[0].Trim();
                if (!UkOutwardCode().IsMatch(outward))
                {
                    throw Wrong(path, number, $"'{outward}' is not a UK outward code in capitals, like SW1A");
                }

                if (!TryDegrees(parts[1], 49, 61, out var latitude) || !TryDegrees(parts[2], -9, 2, out var longitude))
                {
                    throw Wrong(path, number, $"'{parts[1].Trim()},{parts[2].Trim()}' is not a latitude and longitude in the UK (latitude 49 to 61, longitude -9 to 2, in degrees)");
                }

                if (!firstSeen.TryAdd(outward, number))
                {
                    throw Wrong(path, number, $"{outward} is listed again (first on line {firstSeen[outward]})");
                }

                points[outward] = (latitude, longitude);
            }

            if (points.Count == 0)
            {
                throw Wrong(path, number, "the file has no outward codes");
            }

            return new OutcodeTable(points);
        }

        private static bool TryDegrees(string text, double lowest, double highest, out float degrees) =>
            float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out degrees)
            && float.IsFinite(degrees) && degrees >= lowest && degrees <= highest;

        private static InvalidOperationException Wrong(string path, int line, string what) =>
            new($"The table of UK outward codes {path}, line {line}: {what}. See content/places/README.md for how to make it.");
    }
}
