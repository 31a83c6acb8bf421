using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace BackCare.Web.Text;

/// <summary>The booking pages' words, from Text/en/booking.json (embedded), by key.</summary>
public sealed class BookingText
{
    private readonly FrozenDictionary<string, string> _strings;

    private BookingText(JsonElement root) =>
        _strings = root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    public static BookingText English { get; } = Load("en");

    public string this[string key] => _strings.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"booking.json has no text '{key}'.");

    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    private static BookingText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.booking.json";
        using var stream = typeof(BookingText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new BookingText(document.RootElement);
    }
}
