using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Assessments;

internal sealed class SavedAssessmentConfiguration : IEntityTypeConfiguration<SavedAssessment>
{
    public void Configure(EntityTypeBuilder<SavedAssessment> builder)
    {
        builder.ToTable("saved_assessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.CaseJson).IsRequired();
        builder.Property(a => a.ResultJson).IsRequired();
        builder.Property(a => a.Disposition).IsRequired();
        builder.HasOne<Accounts.Account>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OwnerId, a.CreatedUtc });
        builder.HasIndex(a => new { a.OwnerId, a.CheckFingerprint }).IsUnique();
    }
}
