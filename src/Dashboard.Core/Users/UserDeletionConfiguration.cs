using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Users;

/// <summary>
/// A deleted user is gone for every query of the product (API, console, sync) while the deletion can still be undone;
/// only <see cref="PatientDirectory"/> looks past the filter, to undo or to purge.
/// </summary>
internal sealed class UserDeletionConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> entity) => entity.HasQueryFilter(u => u.DeletedAt == null);
}
