#include "edit/setvaluesoperation.h"

#include "edit/datasetedit_p.h"
#include "hdf5/valueformatter.h"

#include <cstring>

namespace hs::core {

// The box's bytes before the first apply. Read with the file type (an exact
// copy) unless the type holds variable-length data: then through the memory
// type, whose HDF5-allocated strings are freed with that type when this goes.
struct SetValuesOperation::Saved
{
    std::vector<unsigned char> bytes;
    DatatypeHandle type;
    bool vlen = false;
    quint64 elements = 0;

    ~Saved()
    {
        if (!vlen || bytes.empty())
            return;
        LibraryLock lock;
        DataspaceHandle space = datasetedit::memorySpace(elements);
        H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, bytes.data());
    }
};

SetValuesOperation::SetValuesOperation(QString datasetPath, ValueBox box, int fieldCount,
                                       std::vector<unsigned char> elements, std::vector<char> mask,
                                       ParsedStringsPtr strings, QString description)
    : m_path(std::move(datasetPath)), m_box(std::move(box)), m_fields(std::max(fieldCount, 1)),
      m_elements(std::move(elements)), m_mask(std::move(mask)), m_strings(std::move(strings)),
      m_description(std::move(description))
{
}

SetValuesOperation::~SetValuesOperation() = default;

Status SetValuesOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    const QString action = QStringLiteral("write values of");
    LibraryLock lock;
    auto target = datasetedit::open(file, m_path, action);
    if (!target)
        return target.error();
    datasetedit::Target &t = target.value();
    const quint64 n = m_box.elementCount();
    const std::size_t size = t.plan.formatter->elementSize();
    const QString subject = QStringLiteral("%1 in %2").arg(m_path, file.displayName());
    if (m_elements.size() != n * size || t.plan.formatter->fieldCount() != m_fields
        || (!m_mask.empty() && m_mask.size() != n * quint64(m_fields)))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("Could not write values of \u201c%1\u201d: the values do not match its type.").arg(subject));
    if (!datasetedit::selectBox(t.fileSpace.get(), m_box))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("Could not write values of \u201c%1\u201d: %2 is outside the dataset.")
                               .arg(subject, m_box.text()));
    DataspaceHandle memSpace = datasetedit::memorySpace(m_box);

    if (!m_saved) {
        auto saved = std::make_unique<Saved>();
        saved->vlen = t.plan.hasVlen;
        saved->type.reset(H5Tcopy(saved->vlen ? t.plan.memType.get() : t.fileType.get()));
        saved->elements = n;
        saved->bytes.resize(n * H5Tget_size(saved->type.get()));
        if (H5Dread(t.dataset.get(), saved->type.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT,
                    saved->bytes.data()) < 0) {
            saved->bytes.clear();
            return errorstack::capture(QStringLiteral("read the values to be replaced of"), subject);
        }
        m_saved = std::move(saved);
    }

    // Whole elements to write: the new values, or for a partial mask the
    // current elements with the masked fields replaced.
    std::vector<unsigned char> current;
    const unsigned char *out = m_elements.data();
    const bool partial = !m_mask.empty() && std::find(m_mask.begin(), m_mask.end(), 0) != m_mask.end();
    if (partial) {
        current.resize(n * size);
        if (H5Dread(t.dataset.get(), t.plan.memType.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT,
                    current.data()) < 0)
            return errorstack::capture(QStringLiteral("read the values of"), subject);
        // HDF5 allocated the current strings: free them from an untouched copy.
        std::vector<unsigned char> pristine = t.plan.hasVlen ? current : std::vector<unsigned char>();
        const auto &leaves = t.plan.formatter->leaves();
        for (quint64 e = 0; e < n; ++e)
            for (int f = 0; f < m_fields; ++f)
                if (m_mask[e * quint64(m_fields) + quint64(f)]) {
                    const auto &leaf = leaves[size_t(f)];
                    std::memcpy(current.data() + e * size + leaf.offset, m_elements.data() + e * size + leaf.offset,
                                leaf.type->size);
                }
        const herr_t w = H5Dwrite(t.dataset.get(), t.plan.memType.get(), memSpace.get(), t.fileSpace.get(),
                                  H5P_DEFAULT, current.data());
        Error error = w < 0 ? errorstack::capture(action, subject) : Error{};
        if (!pristine.empty())
            H5Dvlen_reclaim(t.plan.memType.get(), memSpace.get(), H5P_DEFAULT, pristine.data());
        if (w < 0) {
            // A write of one selection may have reached some chunks: put the old bytes back.
            H5Dwrite(t.dataset.get(), m_saved->type.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT,
                     m_saved->bytes.data());
            errorstack::clear();
            return error;
        }
    } else if (H5Dwrite(t.dataset.get(), t.plan.memType.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT, out) < 0) {
        Error error = errorstack::capture(action, subject);
        H5Dwrite(t.dataset.get(), m_saved->type.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT,
                 m_saved->bytes.data());
        errorstack::clear();
        return error;
    }
    context.changes().valuesChanged.emplace_back(m_path, m_box.region());
    return Ok{};
}

Status SetValuesOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    const QString subject = QStringLiteral("%1 in %2").arg(m_path, file.displayName());
    if (!m_saved)
        return Error::make(ErrorCode::Internal, QStringLiteral("Nothing to undo for \u201c%1\u201d.").arg(subject));
    LibraryLock lock;
    auto target = datasetedit::open(file, m_path, QStringLiteral("restore values of"));
    if (!target)
        return target.error();
    datasetedit::Target &t = target.value();
    if (!datasetedit::selectBox(t.fileSpace.get(), m_box))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("Could not restore values of \u201c%1\u201d: %2 is outside the dataset.")
                               .arg(subject, m_box.text()));
    DataspaceHandle memSpace = datasetedit::memorySpace(m_box);
    if (H5Dwrite(t.dataset.get(), m_saved->type.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT,
                 m_saved->bytes.data()) < 0)
        return errorstack::capture(QStringLiteral("restore values of"), subject);
    context.changes().valuesChanged.emplace_back(m_path, m_box.region());
    return Ok{};
}

} // namespace hs::core
