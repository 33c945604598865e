#pragma once

#include "edit/compressioncatalog.h"
#include "edit/datasetspec.h"

#include <QDialog>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hs::ui {

// New Dataset…: name, element type, shape, max shape (unlimited dimensions),
// layout, chunk shape (suggested from the shape and type until the user edits
// it), the compressors that are available here with their level, shuffle,
// Fletcher32 and fill value. OK is enabled only for a spec core accepts;
// the reason is shown otherwise.
class NewDatasetDialog : public QDialog
{
    Q_OBJECT
public:
    // `compressors`: what to offer (compressioncatalog::available() in the app).
    NewDatasetDialog(const QString &groupPath, std::vector<core::CompressionChoice> compressors,
                     QWidget *parent = nullptr);

    // Says why a path cannot be used because something has that name (empty
    // when free); asked as the name is typed.
    void setTakenCheck(std::function<QString(const QString &path)> check);

    // The dataset as entered; valid only when problem() is empty.
    core::DatasetSpec spec() const;
    QString problem() const;

private:
    void onShapeChanged();
    void onCompressionChanged();
    void suggestChunk();
    void recheck();
    core::ElementType type() const;

    QString m_group;
    std::function<QString(const QString &)> m_taken;
    std::vector<core::CompressionChoice> m_compressors;
    QLineEdit *m_name;
    QComboBox *m_type;
    QSpinBox *m_stringLength;
    QLineEdit *m_shape;
    QLineEdit *m_maxShape;
    QComboBox *m_layout;
    QLineEdit *m_chunk;
    QPushButton *m_suggest;
    QLabel *m_chunkBytes;
    bool m_chunkEdited = false;
    QComboBox *m_compression;
    QSpinBox *m_level;
    QCheckBox *m_shuffle;
    QCheckBox *m_fletcher;
    QLineEdit *m_fill;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace hs::ui
