using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Web.Check;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Diary;

/// <summary>The re-assessment of the entry just saved: the emergency or urgent message alone when it needs one, otherwise progress and the next step.</summary>
[Authorize]
public sealed class DiarySavedModel(IOptions<EmergencyOptions> emergency) : PageModel
{
    [TempData(Key = DiaryNewModel.ResultKey)]
    public string? Stored { get; set; }

    public DiaryResult Result { get; private set; } = null!;

    public Disposition Disposition { get; private set; }

    public string EmergencyNumber => emergency.Value.Number;

    public bool NeedsCareNow => Disposition >= Disposition.Urgent;

    /// <summary>
    /// A new warning sign or a result that needs care now is answered with that advice alone: the review's progress
    /// and next step ("keep following your home-care plan") would contradict it, so they are left off this page.
    /// </summary>
    public bool NeedsAdviceFirst => NeedsCareNow || Result.NewRedFlag;

    public IActionResult OnGet()
    {
        if (Stored is null || JsonSerializer.Deserialize<DiaryResult>(Stored) is not { } result)
        {
            return Redirect("/today");
        }

        Result = result;
        // An unreadable disposition is shown as an emergency: when in doubt, the more urgent wins.
        Disposition = ContractNames.TryParseDisposition(result.Disposition, out var disposition) ? disposition : Disposition.Emergency;
        return Page();
    }
}
