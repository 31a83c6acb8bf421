using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using BackCare.Clinical.Contract;

namespace BackCare.Web.Text;

/// <summary>What to say for one disposition.</summary>
public sealed record DispositionText(string Title, string Label, string Summary, string Now, string SafetyHeading);

/// <summary>
/// The web app's patient-facing words, read from Text/en/site.json (embedded in the assembly) so that they
/// can be reviewed and translated without reading C#.
/// </summary>
public sealed class SiteText
{
    private readonly FrozenDictionary<string, DispositionText> _dispositions;
    private readonly FrozenDictionary<string, string> _days;
    private readonly FrozenDictionary<string, string> _medicines;
    private readonly FrozenDictionary<string, string> _sources;
    private readonly FrozenDictionary<string, string> _answers;
    private readonly FrozenDictionary<string, string> _describe;
    private readonly FrozenDictionary<string, string> _tooManyRequests;
    private readonly string _emergencyCall;
    private readonly string _reviewAfter;

    private SiteText(JsonElement root)
    {
        _dispositions = root.GetProperty("dispositions").EnumerateObject().ToFrozenDictionary(
            p => p.Name,
            p => new DispositionText(
                p.Value.GetProperty("title").GetString()!,
                p.Value.GetProperty("label").GetString()!,
                p.Value.GetProperty("summary").GetString()!,
                p.Value.GetProperty("now").GetString()!,
                p.Value.GetProperty("safety_heading").GetString()!),
            StringComparer.Ordinal);
        _days = Strings(root, "days");
        _medicines = Strings(root, "medication_classes");
        _sources = Strings(root, "sources");
        _answers = Strings(root, "answers");
        _describe = Strings(root, "describe");
        _tooManyRequests = Strings(root, "too_many_requests");
        _emergencyCall = root.GetProperty("emergency_call").GetString()!;
        EmergencyNote = root.GetProperty("emergency_note").GetString()!;
        _reviewAfter = root.GetProperty("review_after").GetString()!;
    }

    public static SiteText English { get; } = Load("en");

    public string EmergencyNote { get; }

    public IReadOnlyDictionary<string, string> Sources => _sources;

    public DispositionText For(Disposition disposition) => _dispositions[disposition.WireName()];

    public string EmergencyCall(string number) => string.Format(CultureInfo.InvariantCulture, _emergencyCall, number);

    public string Day(int day) => _days.TryGetValue(day.ToString(CultureInfo.InvariantCulture), out var text)
        ? text
        : string.Format(CultureInfo.InvariantCulture, _days["n"], day);

    public string ReviewAfter(int days) => string.Format(CultureInfo.InvariantCulture, _reviewAfter, days);

    public string Medicine(MedicationClass medicationClass) => _medicines[medicationClass.WireName()];

    /// <summary>The full name of a source key; an unknown key is shown as it is rather than hidden.</summary>
    public string Source(string key) => _sources.TryGetValue(key, out var name) ? name : key;

    public string Answer(string key) => _answers[key];

    /// <summary>The words of the free-text start (<c>/check/describe</c>).</summary>
    public string Describe(string key) => _describe[key];

    /// <summary>The page that says to wait after too many form posts (<c>title</c>, <c>home</c>).</summary>
    public string TooManyRequests(string key) => _tooManyRequests[key];

    public string TooManyRequestsWait(int seconds) => string.Format(CultureInfo.InvariantCulture, _tooManyRequests["wait"], seconds);

    private static FrozenDictionary<string, string> Strings(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateObject().ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    private static SiteText Load(string language)
    {
        var resource = $"BackCare.Web.Text.{language}.site.json";
        using var stream = typeof(SiteText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The text file {resource} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return new SiteText(document.RootElement);
    }
}
