using System.Buffers.Text;
using System.Security.Cryptography;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

using Clinician = BackCare.Data.Clinics.Clinician;

/// <summary>
/// The <c>DemoClinic</c> section: a made-up clinic created on the first start of an empty database, so that booking
/// can be tried at once. Its sign-in for a clinician exists only when an email and a password are configured
/// (environment or user secrets, never the repository), or in Development.
/// </summary>
public sealed class DemoClinicOptions
{
    public const string Section = "DemoClinic";

    /// <summary>
    /// Unless <c>DemoClinic:Enabled</c> says otherwise, on in Development and off everywhere else
    /// (<see cref="ClinicsSetup"/>): a real server must not offer made-up clinicians' times to real patients.
    /// </summary>
    public bool Enabled { get; set; }

    public string Name { get; set; } = "Example Valley Back Clinic (demo)";

    public string Address { get; set; } = "1 Example Street, Springfield (a made-up address)";

    /// <summary>555-01xx numbers are set aside for fiction in North America: nobody answers this one.</summary>
    public string Phone { get; set; } = "+1 555 0100";

    public string TimeZone { get; set; } = "America/New_York";

    public string? ClinicianEmail { get; set; }

    public string? ClinicianPassword { get; set; }
}

/// <summary>Makes the demo clinic once, however many servers start at the same time on one database.</summary>
internal sealed class DemoClinicSeeder(BackCareDbContext db, AccountService accounts, ILogger<DemoClinicSeeder> log)
{
    // Any fixed number, the same for every BackCare server sharing one database.
    private const long PostgresLockKey = 0x426b4344656d6f31;

    public const string DevelopmentClinicianEmail = "clinician@demo.backcare.invalid";

    private static readonly (string Name, Specialty Specialty)[] Team =
    [
        ("Dr. Oriel Vantage (demo orthopedic surgeon)", Specialty.Orthopedic),
        ("Dr. Tamsin Quill (demo spine specialist)", Specialty.Spine),
        ("Rowan Ashgrove (demo physical therapist)", Specialty.PhysicalTherapy),
        ("Dr. Wren Halloway (demo family doctor)", Specialty.PrimaryCare),
    ];

    /// <summary>The clinic made, or null when the database already had a clinic.</summary>
    public async Task<Clinic?> SeedAsync(DemoClinicOptions options, bool development, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }

        // On SQLite the transaction began with the write lock (BEGIN IMMEDIATE), so this check and the insert are one step.
        if (await db.Clinics.AnyAsync(cancellationToken))
        {
            return null;
        }

        var clinic = new Clinic(options.Name, options.Address, options.Phone, options.TimeZone);
        db.Clinics.Add(clinic);
        var team = Team.Select(t => new Clinician(clinic.Id, t.Name, t.Specialty)).ToList();
        db.Clinicians.AddRange(team);
        foreach (var clinician in team)
        {
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.WeeklyAvailability.Add(new WeeklyAvailability(clinician.Id, day, 8 * 60, 12 * 60, 30, SlotKind.InPerson));
                db.WeeklyAvailability.Add(new WeeklyAvailability(clinician.Id, day, 13 * 60, 19 * 60, 30, SlotKind.Telemedicine));
            }

            // Evening and weekend video visits, so that "today" has a chance of a slot whenever someone tries it.
            db.WeeklyAvailability.Add(new WeeklyAvailability(clinician.Id, DayOfWeek.Saturday, 9 * 60, 13 * 60, 30, SlotKind.Telemedicine));
        }

        await db.SaveChangesAsync(cancellationToken);
        await AddClinicianSignInAsync(options, development, clinic, team[1], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ClinicLog.DemoCreated(log, clinic.Name, Team.Length);
        return clinic;
    }

    private async Task AddClinicianSignInAsync(
        DemoClinicOptions options, bool development, Clinic clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var email = options.ClinicianEmail;
        var password = options.ClinicianPassword;
        var generated = false;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            if (!development)
            {
                return;
            }

            email = string.IsNullOrWhiteSpace(email) ? DevelopmentClinicianEmail : email;
            password = string.IsNullOrWhiteSpace(password) ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15)) : password;
            generated = string.IsNullOrWhiteSpace(options.ClinicianPassword);
        }

        var outcome = await accounts.RegisterAsync(email, password, clinician.DisplayName, AccountRole.Clinician, cancellationToken);
        if (outcome.Account is not { } account)
        {
            ClinicLog.DemoSignInNotMade(log, outcome.Error?.ToString() ?? "unknown");
            return;
        }

        account.JoinClinic(clinic.Id);
        clinician.LinkAccount(account.Id);
        await db.SaveChangesAsync(cancellationToken);
        if (generated)
        {
            // Development only, once: the database keeps a hash, so this is the only time the password can be read.
            ClinicLog.DemoSignInGenerated(log, email, password);
        }
    }
}
