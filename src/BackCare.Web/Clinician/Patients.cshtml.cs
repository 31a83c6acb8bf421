using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Clinician;

/// <summary>Every patient of the clinic, on the worklist or not, by name, fifty a page, filtered or searched.</summary>
public sealed class PatientsModel(BackCareDbContext db, AuditLog audit, TimeProvider clock) : PatientListModel(db, audit, clock)
{
    /// <summary>The page asked for, from 1; anything below shows the first.</summary>
    [BindProperty(Name = "number", SupportsGet = true)]
    public int Number { get; set; } = 1;

    public bool HasNext { get; private set; }

    protected override string CaptionKey => "patients_caption";

    public override string Path => "/clinic/patients";

    public string PageHref(int number) => number == 1 ? Href() : Href(("number", NumberText(number)));

    protected override (string Name, string Value)[] PageState => Number > 1 ? [("number", NumberText(Number))] : [];

    protected override async Task ReadRowsAsync(CancellationToken cancellationToken)
    {
        Number = Math.Clamp(Number, 1, int.MaxValue / Worklist.PatientListPageSize);
        var page = await Worklist.AllPatientsAsync(Db, ClinicId, Number, NowUtc, DatabaseFilter(), cancellationToken: cancellationToken);
        Rows = page.Rows;
        HasNext = page.HasNext;
    }

    private static string NumberText(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
