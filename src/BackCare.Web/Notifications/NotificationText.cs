using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace BackCare.Web.Notifications;

/// <summary>The words of the email pages, from Text/en/notifications.json (embedded), by key.</summary>
public sealed class NotificationText
{
    private readonly FrozenDictionary<string, string> _strings;

    private NotificationText(JsonElement root) =>
        _strings = root.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    public static NotificationText English { get; } = Load("en");

    public string this[string key] => _strings.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"notifications.json has no text '{key}'.");

    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    private static NotificationText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.notifications.json";
        using var stream = typeof(NotificationText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new NotificationText(document.RootElement);
    }
}
