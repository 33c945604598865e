#include "edit/filloperation.h"

#include "edit/datasetedit_p.h"
#include "hdf5/valueformatter.h"

#include <QDir>
#include <QStorageInfo>
#include <QTemporaryFile>

#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>

namespace hs::core {

// The values the fill replaced, piece after piece in the order the pieces
// are visited: in a temporary file (raw bytes of the file type) or, for types
// holding variable-length data, in memory (freed with the memory type).
struct FillOperation::Store
{
    DatatypeHandle type; // what the old values were read as
    bool vlen = false;
    bool complete = false; // every piece captured (after a successful apply)
    std::unique_ptr<QTemporaryFile> file;
    std::vector<std::vector<unsigned char>> pieces; // vlen only

    ~Store()
    {
        if (!vlen)
            return;
        LibraryLock lock;
        for (auto &p : pieces) {
            DataspaceHandle space = datasetedit::memorySpace(p.size() / H5Tget_size(type.get()));
            H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, p.data());
        }
    }
};

namespace {

// Visits the box in pieces: along each dimension a piece ends at the
// dataset's chunk boundaries (contiguous data: as much of the trailing
// dimensions as MaxPieceBytes holds). `visit` gets the piece (in dataset
// coordinates) and returns false to stop.
struct PieceWalker
{
    const ValueBox &box;
    std::vector<quint64> chunk; // empty: contiguous or compact
    quint64 elementBytes;
    std::vector<quint64> span; // elements of the box per piece, per dimension (unaligned dims)

    PieceWalker(const ValueBox &b, std::vector<quint64> c, quint64 bytes) : box(b), chunk(std::move(c)), elementBytes(bytes)
    {
        const size_t rank = box.count.size();
        span.assign(rank, 1);
        quint64 budget = std::max<quint64>(1, FillOperation::MaxPieceBytes / std::max<quint64>(elementBytes, 1));
        if (!chunk.empty()) {
            quint64 n = 1;
            for (size_t d = 0; d < rank; ++d) {
                span[d] = std::max<quint64>(1, chunk[d] / box.strideOf(d));
                n *= std::min(span[d], box.count[d]);
            }
            // Chunks larger than the budget: cut the leading dimensions.
            for (size_t d = 0; d < rank && n > budget; ++d) {
                const quint64 was = std::min(span[d], box.count[d]);
                const quint64 rest = n / was;
                span[d] = std::max<quint64>(1, budget / std::max<quint64>(rest, 1));
                n = rest * std::min(span[d], box.count[d]);
                chunk[d] = 0; // no longer aligned in this dimension
            }
            return;
        }
        for (size_t d = rank; d-- > 0;) {
            span[d] = std::clamp<quint64>(budget, 1, std::max<quint64>(box.count[d], 1));
            budget = std::max<quint64>(1, budget / span[d]);
        }
    }

    // Length of the piece starting at box position `pos` of dimension `d`.
    quint64 length(size_t d, quint64 pos) const
    {
        const quint64 left = box.count[d] - pos;
        if (!chunk.empty() && chunk[d] > 0 && box.strideOf(d) == 1) {
            const quint64 at = box.start[d] + pos;
            return std::min(left, chunk[d] - at % chunk[d]);
        }
        return std::min(left, span[d]);
    }

    bool walk(const std::function<bool(const ValueBox &piece)> &visit) const
    {
        const size_t rank = box.count.size();
        if (rank == 0)
            return visit(box);
        if (box.elementCount() == 0)
            return true;
        std::vector<quint64> pos(rank, 0);
        ValueBox piece;
        piece.stride = box.stride;
        piece.start.resize(rank);
        piece.count.resize(rank);
        while (true) {
            for (size_t d = 0; d < rank; ++d) {
                piece.start[d] = box.start[d] + pos[d] * box.strideOf(d);
                piece.count[d] = length(d, pos[d]);
            }
            if (!visit(piece))
                return false;
            size_t d = rank;
            while (d-- > 0) {
                pos[d] += piece.count[d];
                if (pos[d] < box.count[d])
                    break;
                pos[d] = 0;
                if (d == 0)
                    return true;
            }
        }
    }
};

std::vector<quint64> chunkShape(hid_t dataset)
{
    PropListHandle dcpl(H5Dget_create_plist(dataset));
    if (!dcpl || H5Pget_layout(dcpl.get()) != H5D_CHUNKED)
        return {};
    const int rank = H5Pget_chunk(dcpl.get(), 0, nullptr);
    if (rank <= 0)
        return {};
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    H5Pget_chunk(dcpl.get(), rank, dims.data());
    return {dims.begin(), dims.end()};
}

} // namespace

FillOperation::FillOperation(QString datasetPath, ValueBox box, std::vector<unsigned char> element,
                             std::vector<char> fieldMask, ParsedStringsPtr strings, QString description)
    : m_path(std::move(datasetPath)), m_box(std::move(box)), m_element(std::move(element)),
      m_fieldMask(std::move(fieldMask)), m_strings(std::move(strings)), m_description(std::move(description))
{
}

FillOperation::~FillOperation() = default;

QString FillOperation::undoFilePath() const
{
    return m_store && m_store->file ? m_store->file->fileName() : QString();
}

Status FillOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    const QString subject = QStringLiteral("%1 in %2").arg(m_path, file.displayName());
    const QString action = QStringLiteral("fill values of");
    std::vector<quint64> chunk;
    std::size_t size = 0, saveSize = 0;
    std::vector<std::pair<std::size_t, std::size_t>> patched; // leaf offset, size when only some fields change
    bool vlen = false;
    std::optional<datasetedit::Target> opened;
    {
        LibraryLock lock;
        auto target = datasetedit::open(file, m_path, action);
        if (!target)
            return target.error();
        opened.emplace(std::move(target.value()));
        datasetedit::Target &t = *opened;
        size = t.plan.formatter->elementSize();
        if (m_element.size() != size)
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("Could not fill \u201c%1\u201d: the value does not match its type.").arg(subject));
        if (!datasetedit::selectBox(t.fileSpace.get(), m_box))
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("Could not fill \u201c%1\u201d: %2 is outside the dataset.")
                                                               .arg(subject, m_box.text()));
        chunk = chunkShape(t.dataset.get());
        vlen = t.plan.hasVlen;
        if (!m_fieldMask.empty() && std::find(m_fieldMask.begin(), m_fieldMask.end(), 0) != m_fieldMask.end())
            for (size_t f = 0; f < m_fieldMask.size(); ++f)
                if (m_fieldMask[f])
                    patched.emplace_back(t.plan.formatter->leaves()[f].offset, t.plan.formatter->leaves()[f].type->size);
        if (!m_store) {
            m_store = std::make_unique<Store>();
            m_store->vlen = vlen;
            m_store->type.reset(H5Tcopy(vlen ? t.plan.memType.get() : t.fileType.get()));
        }
        saveSize = H5Tget_size(m_store->type.get());
    }
    const quint64 total = m_box.elementCount();
    if (vlen && total > MaxVlenElements)
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("Could not fill \u201c%1\u201d: filling more than %2 values of a type with "
                                          "variable-length data at once is not supported (undo keeps their old values in memory).")
                               .arg(subject)
                               .arg(MaxVlenElements));
    const bool capture = !m_store->complete;
    if (capture && !vlen) {
        m_store->file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/hyperslab-undo-XXXXXX.raw"));
        const qint64 needed = qint64(total * saveSize);
        if (!m_store->file->open())
            return Error::make(ErrorCode::PermissionDenied,
                               QStringLiteral("Could not fill \u201c%1\u201d: no temporary file for undo could be made in %2.")
                                   .arg(subject, QDir::tempPath()));
        const QStorageInfo disk(QDir::tempPath());
        if (disk.isValid() && disk.bytesAvailable() < needed + (64 << 20))
            return Error::make(ErrorCode::Unsupported,
                               QStringLiteral("Could not fill \u201c%1\u201d: undo needs %2 MB of free space in %3 for the old values; %4 MB are free.")
                                   .arg(subject)
                                   .arg(needed >> 20)
                                   .arg(QDir::tempPath())
                                   .arg(disk.bytesAvailable() >> 20));
    }
    if (capture && vlen)
        m_store->pieces.clear();

    PieceWalker walker(m_box, chunk, std::max(size, saveSize));
    std::vector<unsigned char> oldBytes, newBytes;
    quint64 done = 0, piecesDone = 0;
    Error failure;
    bool failed = false;
    auto writePiece = [&](const ValueBox &piece) -> bool {
        if (context.isCancelled()) {
            failure = Error::make(ErrorCode::Cancelled, QStringLiteral("Filling \u201c%1\u201d was cancelled; the file is as it was.").arg(subject));
            failed = true;
            return false;
        }
        const quint64 n = piece.elementCount();
        m_largestPiece = std::max(m_largestPiece, n);
        {
            LibraryLock lock;
            datasetedit::Target &t = *opened;
            datasetedit::selectBox(t.fileSpace.get(), piece);
            DataspaceHandle memSpace = datasetedit::memorySpace(piece);
            if (capture) {
                oldBytes.resize(n * saveSize);
                if (H5Dread(t.dataset.get(), m_store->type.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT, oldBytes.data()) < 0) {
                    failure = errorstack::capture(QStringLiteral("read the values to be replaced of"), subject);
                    failed = true;
                    return false;
                }
            }
            newBytes.resize(n * size);
            std::vector<unsigned char> pristine;
            if (!patched.empty()) {
                if (H5Dread(t.dataset.get(), t.plan.memType.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT, newBytes.data()) < 0) {
                    failure = errorstack::capture(QStringLiteral("read the values of"), subject);
                    failed = true;
                    if (capture && vlen)
                        H5Dvlen_reclaim(m_store->type.get(), memSpace.get(), H5P_DEFAULT, oldBytes.data());
                    return false;
                }
                if (vlen)
                    pristine = newBytes;
                for (quint64 e = 0; e < n; ++e)
                    for (const auto &[off, len] : patched)
                        std::memcpy(newBytes.data() + e * size + off, m_element.data() + off, len);
            } else {
                for (quint64 e = 0; e < n; ++e)
                    std::memcpy(newBytes.data() + e * size, m_element.data(), size);
            }
            const herr_t w = H5Dwrite(t.dataset.get(), t.plan.memType.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT, newBytes.data());
            if (!pristine.empty())
                H5Dvlen_reclaim(t.plan.memType.get(), memSpace.get(), H5P_DEFAULT, pristine.data());
            if (w < 0) {
                failure = errorstack::capture(action, subject);
                failed = true;
                // This piece may be partly written: keep its old values so the rollback restores it too.
                if (capture && vlen)
                    m_store->pieces.push_back(std::move(oldBytes));
                else if (capture)
                    m_store->file->write(reinterpret_cast<const char *>(oldBytes.data()), qint64(oldBytes.size()));
                ++piecesDone;
                return false;
            }
        }
        if (capture && vlen) {
            m_store->pieces.push_back(oldBytes);
        } else if (capture && m_store->file->write(reinterpret_cast<const char *>(oldBytes.data()), qint64(oldBytes.size()))
                                  != qint64(oldBytes.size())) {
            failure = Error::make(ErrorCode::Unsupported,
                                  QStringLiteral("Could not fill \u201c%1\u201d: the old values could not be kept for undo in %2 (%3).")
                                      .arg(subject, m_store->file->fileName(), m_store->file->errorString()));
            failed = true;
            ++piecesDone; // written to the dataset, but its old values are lost: restore the others at least
            return false;
        }
        ++piecesDone;
        done += n;
        context.setProgress(qint64(done), qint64(total));
        return true;
    };
    walker.walk(writePiece);
    if (!failed && context.isCancelled()) {
        // Cancelled after the last piece: the session drops the results of a
        // cancelled write and reports it unchanged, so make that true.
        failure = Error::make(ErrorCode::Cancelled, QStringLiteral("Filling \u201c%1\u201d was cancelled; the file is as it was.").arg(subject));
        failed = true;
    }
    if (!failed) {
        m_store->complete = true;
        if (m_store->file)
            m_store->file->flush();
        context.changes().valuesChanged.emplace_back(m_path, m_box.region());
        return Ok{};
    }
    // Put back what was overwritten (only possible when this apply captured it;
    // a redo rewrites values whose old bytes are already stored).
    if (capture || m_store->complete) {
        const quint64 restore = piecesDone;
        piecesDone = 0;
        if (m_store->file)
            m_store->file->flush();
        Status back = Ok{};
        quint64 visited = 0;
        back = [&]() -> Status {
            if (m_store->file)
                m_store->file->seek(0);
            std::vector<unsigned char> buf;
            Status st = Ok{};
            walker.walk([&](const ValueBox &piece) {
                if (visited++ >= restore)
                    return false;
                const quint64 n = piece.elementCount();
                LibraryLock lock;
                datasetedit::Target &t = *opened;
                datasetedit::selectBox(t.fileSpace.get(), piece);
                DataspaceHandle memSpace = datasetedit::memorySpace(piece);
                const unsigned char *src;
                if (vlen) {
                    src = m_store->pieces[visited - 1].data();
                } else {
                    buf.resize(n * saveSize);
                    m_store->file->read(reinterpret_cast<char *>(buf.data()), qint64(buf.size()));
                    src = buf.data();
                }
                if (H5Dwrite(t.dataset.get(), m_store->type.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT, src) < 0) {
                    st = errorstack::capture(QStringLiteral("restore values of"), subject);
                    return false;
                }
                return true;
            });
            return st;
        }();
        if (!back)
            failure.detail += QStringLiteral("\nRestoring the values already overwritten failed too: ") + back.error().message;
    }
    if (capture) {
        if (m_store->file)
            m_store->file.reset();
        m_store.reset(); // frees vlen pieces under the lock (Store's destructor)
    }
    return failure;
}

Status FillOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    const QString subject = QStringLiteral("%1 in %2").arg(m_path, file.displayName());
    if (!m_store || !m_store->complete)
        return Error::make(ErrorCode::Internal, QStringLiteral("Nothing to undo for \u201c%1\u201d.").arg(subject));
    std::vector<quint64> chunk;
    std::size_t size = 0;
    std::optional<datasetedit::Target> opened;
    {
        LibraryLock lock;
        auto target = datasetedit::open(file, m_path, QStringLiteral("restore values of"));
        if (!target)
            return target.error();
        opened.emplace(std::move(target.value()));
        chunk = chunkShape(opened->dataset.get());
        size = opened->plan.formatter->elementSize();
    }
    const std::size_t saveSize = [&] { LibraryLock lock; return H5Tget_size(m_store->type.get()); }();
    PieceWalker walker(m_box, chunk, std::max(size, saveSize));
    if (m_store->file && !m_store->file->seek(0))
        return Error::make(ErrorCode::Internal, QStringLiteral("Could not read the old values of \u201c%1\u201d back from %2.")
                                                    .arg(subject, m_store->file->fileName()));
    std::vector<unsigned char> buf;
    Status st = Ok{};
    quint64 index = 0, done = 0;
    const quint64 total = m_box.elementCount();
    // Undo runs to the end once started: stopping half way would leave a mix.
    walker.walk([&](const ValueBox &piece) {
        const quint64 n = piece.elementCount();
        const unsigned char *src;
        if (m_store->vlen) {
            src = m_store->pieces[index].data();
        } else {
            buf.resize(n * saveSize);
            if (m_store->file->read(reinterpret_cast<char *>(buf.data()), qint64(buf.size())) != qint64(buf.size())) {
                st = Error::make(ErrorCode::Internal, QStringLiteral("Could not read the old values of \u201c%1\u201d back from %2.")
                                                          .arg(subject, m_store->file->fileName()));
                return false;
            }
            src = buf.data();
        }
        ++index;
        LibraryLock lock;
        datasetedit::Target &t = *opened;
        datasetedit::selectBox(t.fileSpace.get(), piece);
        DataspaceHandle memSpace = datasetedit::memorySpace(piece);
        if (H5Dwrite(t.dataset.get(), m_store->type.get(), memSpace.get(), t.fileSpace.get(), H5P_DEFAULT, src) < 0) {
            st = errorstack::capture(QStringLiteral("restore values of"), subject);
            return false;
        }
        done += n;
        context.setProgress(qint64(done), qint64(total));
        return true;
    });
    if (st)
        context.changes().valuesChanged.emplace_back(m_path, m_box.region());
    return st;
}

} // namespace hs::core
