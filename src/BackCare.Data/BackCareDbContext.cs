using System.Text;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Data.Notifications;
using BackCare.Data.Plans;
using BackCare.Data.Risk;
using BackCare.Data.Storage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data;

/// <summary>
/// BackCare's storage. The schema is made by the SQL scripts under Migrations/, one set per provider, not by EF:
/// the storage tests check that those scripts give exactly the tables and columns this model expects.
/// It also holds the web app's Data Protection key ring, so every server on one database signs and reads the same cookies.
/// </summary>
public sealed class BackCareDbContext(DbContextOptions<BackCareDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<AccountEvent> AccountEvents => Set<AccountEvent>();

    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    public DbSet<AccountPasskey> AccountPasskeys => Set<AccountPasskey>();

    public DbSet<SavedAssessment> SavedAssessments => Set<SavedAssessment>();

    public DbSet<DiaryEntry> DiaryEntries => Set<DiaryEntry>();

    /// <summary>Each distinct re-assessment result the diary showed, shared by the entries that showed it (migration 0022).</summary>
    public DbSet<ShownResult> ShownResults => Set<ShownResult>();

    /// <summary>Kept by the database from the diary and the checks (migration 0019); read only.</summary>
    public DbSet<DiaryPainDay> DiaryPainDays => Set<DiaryPainDay>();

    public DbSet<RiskScreen> RiskScreens => Set<RiskScreen>();

    public DbSet<PlanStepTick> PlanStepTicks => Set<PlanStepTick>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>Each run of audit retention and what it removed (migration 0024, decision 0025).</summary>
    public DbSet<AuditRetentionRun> AuditRetentionRuns => Set<AuditRetentionRun>();

    public DbSet<Clinic> Clinics => Set<Clinic>();

    /// <summary>Each clinic's latest outcomes, worked out by <see cref="ClinicOutcomeSnapshot.RefreshAsync"/> (migration 0023).</summary>
    public DbSet<ClinicOutcomeSnapshot> ClinicOutcomeSnapshots => Set<ClinicOutcomeSnapshot>();

    public DbSet<Clinician> Clinicians => Set<Clinician>();

    public DbSet<WeeklyAvailability> WeeklyAvailability => Set<WeeklyAvailability>();

    public DbSet<TimeOff> TimeOff => Set<TimeOff>();

    public DbSet<Slot> Slots => Set<Slot>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<ContactRequest> ContactRequests => Set<ContactRequest>();

    public DbSet<ContactReply> ContactReplies => Set<ContactReply>();

    public DbSet<ClinicalNote> ClinicalNotes => Set<ClinicalNote>();

    public DbSet<ClinicPatient> ClinicPatients => Set<ClinicPatient>();

    public DbSet<WorklistAcknowledgement> WorklistAcknowledgements => Set<WorklistAcknowledgement>();

    public DbSet<WorklistAssignment> WorklistAssignments => Set<WorklistAssignment>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreferences> NotificationPreferences => Set<NotificationPreferences>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BackCareDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
