using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BackCare.Interop.Fhir;

/// <summary>The small rules of FHIR's JSON that every resource here follows.</summary>
public static partial class FhirJson
{
    public const string FhirVersion = "4.0.1";

    public const string MediaType = "application/fhir+json";

    public static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false };

    /// <summary>A FHIR dateTime or instant in UTC, to the second or finer (FHIR demands seconds and a zone).</summary>
    public static string DateTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a FHIR date or dateTime (<c>2024</c>, <c>2024-05</c>, <c>2024-05-01</c> or a full date-time with
    /// a zone). A partial date is read as its first moment in UTC.
    /// </summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || !DateTimePattern().IsMatch(text))
        {
            return false;
        }

        string[] partial = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        if (text.Length <= 10)
        {
            return DateTimeOffset.TryParseExact(text, partial, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>True when <paramref name="id"/> is a valid FHIR logical id.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string CheckId(string id, string paramName) =>
        IsValidId(id)
            ? id
            : throw new ArgumentException($"'{id}' is not a valid FHIR id (1 to 64 letters, digits, '-' or '.').", paramName);

    public static JsonObject Reference(string resourceType, string id, string? display = null)
    {
        var reference = new JsonObject { ["reference"] = $"{resourceType}/{id}" };
        if (display is not null)
        {
            reference["display"] = display;
        }

        return reference;
    }

    /// <summary>The string at <paramref name="name"/>, or null when it is missing or not a string.</summary>
    public static string? StringAt(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static JsonArray Array(params IEnumerable<JsonNode?> items) => new([.. items]);

    /// <summary>
    /// Adds a node. JsonArray.Add picks its generic overload for a JsonObject argument, which is not
    /// trim-safe; going through a JsonNode parameter keeps the plain one.
    /// </summary>
    public static void AddNode(this JsonArray array, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(array);
        array.Add(node);
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();

    // The dateTime pattern of the FHIR R4 specification.
    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$")]
    private static partial Regex DateTimePattern();
}
