using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Email).IsRequired();
        builder.Property(a => a.NormalizedEmail).IsRequired();
        builder.HasIndex(a => a.NormalizedEmail).IsUnique();
        builder.Property(a => a.DisplayName).IsRequired();
        builder.Property(a => a.PasswordHash).IsRequired();
        builder.Property(a => a.Role).HasConversion<string>().IsRequired();

        // Two changes that race (a password change and a role change) must not leave a stamp older than either.
        builder.Property(a => a.SecurityStamp).IsRequired().IsConcurrencyToken();

        // Two sign-ins redeeming the same recovery code at once: only the one that still sees it unused succeeds.
        builder.Property(a => a.RecoveryCodeHashes).IsConcurrencyToken();
    }
}
