using System.Globalization;
using System.Text.Json;
using BackCare.Clinical.Findings;
using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Diary;

/// <summary>
/// Today's diary in steps on one form. A person in pain on a phone should not have to scroll through every question
/// for a daily note: only pain and spasms are needed, so they fill the first screen with a Save button under them;
/// everything else is optional and folded in its own section (<see cref="DiaryPage.OptionalSections"/>), which
/// opens again when it holds an error or an answer after a failed save. The new warning signs are the first
/// section. The entry goes through <see cref="DiaryRecorder"/>, like the API's.
/// </summary>
[Authorize]
public sealed class DiaryNewModel(DiaryRecorder recorder) : PageModel
{
    public const string ResultKey = "diary-result";

    [BindProperty(Name = "pain")]
    public string? Pain { get; set; }

    [BindProperty(Name = "spasms")]
    public string? Spasms { get; set; }

    [BindProperty(Name = "walk")]
    public string? Walk { get; set; }

    [BindProperty(Name = "sit")]
    public string? Sit { get; set; }

    [BindProperty(Name = "sleep")]
    public string? Sleep { get; set; }

    [BindProperty(Name = "work")]
    public string? Work { get; set; }

    [BindProperty(Name = "medicine")]
    public List<string> Medicines { get; set; } = [];

    [BindProperty(Name = "medicine_other")]
    public string? MedicineOther { get; set; }

    [BindProperty(Name = "helped")]
    public List<string> Helped { get; set; } = [];

    [BindProperty(Name = "helped_other")]
    public string? HelpedOther { get; set; }

    [BindProperty(Name = "notes")]
    public string? Notes { get; set; }

    [BindProperty(Name = "sign")]
    public List<string> Signs { get; set; } = [];

    [TempData(Key = ResultKey)]
    public string? Result { get; set; }

    /// <summary>The problems by the page's field, in page order; none when the form is fine.</summary>
    public FormErrors Errors { get; } = new();

    public bool NeedsFirstAssessment { get; private set; }

    public bool NotStored { get; private set; }

    public string? ErrorFor(string field) => Errors.For(field);

    /// <summary>True when a folded section must show itself: it holds an error or an answer the person gave.</summary>
    public bool IsOpen(string section) =>
        DiaryPage.OptionalSections.Single(s => s.Key == section).Fields.Any(f => ErrorFor(f) is not null || HasAnswer(f));

    public string Level(string ability) => ability switch
    {
        "walk" => Walk ?? "",
        "sit" => Sit ?? "",
        "sleep" => Sleep ?? "",
        _ => Work ?? "",
    };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var text = RecoveryText.English;
        var pain = ReadWhole(Pain, 0, 10, "pain", text["diary_error_pain"]);
        var spasms = ReadWhole(Spasms, 0, 1000, "spasms", text["diary_error_spasms"]);
        if (Errors.Any)
        {
            return Page();
        }

        var medicines = Medicines.Where(DiaryPage.MedicineClasses.Contains).ToList();
        if (!string.IsNullOrWhiteSpace(MedicineOther))
        {
            medicines.Add(MedicineOther.Trim());
        }

        var form = new DiaryForm(
            pain, spasms, string.IsNullOrWhiteSpace(Notes) ? null : Notes, Walk, Sit, Sleep, Work, medicines, Helped, HelpedOther,
            DiaryForm.FindingsOf(Signs.Where(DiaryPage.IsWarningSign)));
        var outcome = await recorder.RecordAsync(AccountClaims.AccountIdOf(User)!.Value, form, cancellationToken);
        switch (outcome)
        {
            case DiaryRecorded recorded:
                Result = JsonSerializer.Serialize(DiaryResult.From(recorded.Entry));
                return RedirectToPage("Saved");
            case DiaryInvalid invalid:
                foreach (var field in invalid.Errors.Keys)
                {
                    var name = PageField(field);
                    Errors.Add(name, text["diary_error_" + name], DiaryPage.FirstInput(name));
                }

                return Page();
            case DiaryNeedsFirstAssessment:
                NeedsFirstAssessment = true;
                return Page();
            default:
                NotStored = true;
                return Page();
        }
    }

    private bool HasAnswer(string field) => field switch
    {
        "sign" => Signs.Count > 0,
        "medicine" => Medicines.Count > 0 || !string.IsNullOrWhiteSpace(MedicineOther),
        "helped" => Helped.Count > 0 || !string.IsNullOrWhiteSpace(HelpedOther),
        "notes" => !string.IsNullOrWhiteSpace(Notes),
        _ => Level(field).Length > 0,
    };

    /// <summary>The API's field name (<c>painScore</c>, <c>medicines[2]</c>, <c>findings.fever</c>) as this page's field.</summary>
    private static string PageField(string apiField) => apiField switch
    {
        "painScore" => "pain",
        "whatHelpedOther" => "helped",
        _ when apiField.StartsWith("whatHelped", StringComparison.Ordinal) => "helped",
        _ when apiField.StartsWith("medicines", StringComparison.Ordinal) => "medicine",
        _ when apiField.StartsWith("findings", StringComparison.Ordinal) => "sign",
        "walk" or "sit" or "sleep" or "work" or "spasms" or "notes" => apiField,
        _ => "notes",
    };

    private int? ReadWhole(string? typed, int min, int max, string field, string message)
    {
        if (int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Errors.Add(field, message);
        return null;
    }
}
