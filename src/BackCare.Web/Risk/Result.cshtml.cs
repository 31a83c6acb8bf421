using BackCare.Clinical;
using BackCare.Clinical.Risk;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Risk;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Risk;

/// <summary>A stored risk screen's result in plain words, and what it changes in the plan. Only its owner can see it.</summary>
[Authorize]
public sealed class RiskResultModel(BackCareDbContext db, AuditLog audit) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public Clinical.Risk.RiskGroup Group { get; private set; }

    public string Advice { get; private set; } = "";

    public IReadOnlyList<string> PlanSteps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        if (await db.RiskScreens.FindOwnedAsync(Id, owner, cancellationToken) is not { } screen)
        {
            return NotFound();
        }

        await audit.RecordReadAsync(screen, cancellationToken);
        Group = ToEngine(screen.Group);
        Advice = StartBack.GroupAdvice(Group);
        PlanSteps = [.. RiskSteps(Group).Select(ClinicalText.Step)];
        return Page();
    }

    public static Clinical.Risk.RiskGroup ToEngine(Data.Risk.RiskGroup group) => Enum.Parse<Clinical.Risk.RiskGroup>(group.ToString());

    /// <summary>The plan steps each group adds (Plans/PlanBuilder.cs), shown with the result.</summary>
    private static string[] RiskSteps(Clinical.Risk.RiskGroup group) => group switch
    {
        Clinical.Risk.RiskGroup.Low => ["risk-low-self-care"],
        Clinical.Risk.RiskGroup.Medium => ["risk-medium-physical-therapy"],
        _ => ["risk-high-informed-therapy", "risk-high-doctor-review"],
    };
}
