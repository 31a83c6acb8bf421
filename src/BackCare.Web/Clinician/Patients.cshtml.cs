using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Clinician;

/// <summary>
/// Every patient of the clinic, on the worklist or not, by name, fifty a page, filtered or searched. A page is placed by
/// a patient's id (<c>?after=</c> the last row of the page before, <c>?before=</c> the first row of the page after), so
/// a late page costs what the first does (decision 0031); an id that is not the clinic's shows the first page.
/// </summary>
public sealed class PatientsModel(BackCareDbContext db, AuditLog audit, TimeProvider clock) : PatientListModel(db, audit, clock)
{
    [BindProperty(Name = "after", SupportsGet = true)]
    public Guid? After { get; set; }

    [BindProperty(Name = "before", SupportsGet = true)]
    public Guid? Before { get; set; }

    public bool HasPrevious { get; private set; }

    public bool HasNext { get; private set; }

    /// <summary>True when the page shown is not the list's first, so "no patients" means none further on.</summary>
    public bool IsLaterPage => After is not null || Before is not null;

    protected override string CaptionKey => "patients_caption";

    public override string Path => "/clinic/patients";

    public string NextHref => Href(("after", Rows[^1].PatientId.ToString("N")));

    public string PreviousHref => Href(("before", Rows[0].PatientId.ToString("N")));

    protected override (string Name, string Value)[] PageState =>
        After is { } after ? [("after", after.ToString("N"))] : Before is { } before ? [("before", before.ToString("N"))] : [];

    protected override async Task ReadRowsAsync(CancellationToken cancellationToken)
    {
        var place = After is { } after ? PatientListPlace.After(after) : Before is { } before ? PatientListPlace.Before(before) : null;
        var page = await Worklist.AllPatientsAsync(Db, ClinicId, place, NowUtc, DatabaseFilter(), cancellationToken: cancellationToken);
        Rows = page.Rows;
        HasPrevious = page.HasPrevious;
        HasNext = page.HasNext;
    }
}
