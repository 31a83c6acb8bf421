using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Diary;

internal sealed class DiaryEntryConfiguration : IEntityTypeConfiguration<DiaryEntry>
{
    public const string RedFlagIndex = "ix_diary_entries_red_flag_created";

    public void Configure(EntityTypeBuilder<DiaryEntry> builder)
    {
        builder.ToTable("diary_entries", t =>
        {
            t.HasCheckConstraint("ck_diary_entries_pain_score", "pain_score BETWEEN 0 AND 10");
            t.HasCheckConstraint("ck_diary_entries_spasms", "spasms >= 0");
        });
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.NewFindingsJson).IsRequired();
        builder.Property(e => e.Disposition).IsRequired();
        builder.Property(e => e.Progress).HasConversion<string>();
        builder.Property(e => e.WalkLevel).HasConversion<string>();
        builder.Property(e => e.SitLevel).HasConversion<string>();
        builder.Property(e => e.SleepLevel).HasConversion<string>();
        builder.Property(e => e.WorkLevel).HasConversion<string>();
        builder.Property(e => e.NewRedFlagsJson).IsRequired();
        builder.Ignore(e => e.Abilities);
        builder.Ignore(e => e.ResultJson);
        builder.Ignore(e => e.ResultToStore);
        builder.HasOne<ShownResult>().WithMany().HasForeignKey(e => e.ResultHash).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Accounts.Account>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.OwnerId, e.CreatedUtc });
        // About 1 entry in 2,000 has a red flag: a clinic's outcomes find them without reading the others (migration 0019).
        builder.HasIndex(e => new { e.CreatedUtc, e.OwnerId }).HasDatabaseName(RedFlagIndex).HasFilter("red_flag");
    }
}
