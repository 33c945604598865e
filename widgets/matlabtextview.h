#pragma once

#include "services/matlabtext.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace hs::ui {

// A MATLAB char array shown as MATLAB shows it: its strings, one per line
// (page after page for N-D), instead of the uint16 codes HDF5 stores. A
// button opens the codes in a grid for those who want them.
class MatlabTextView : public QWidget
{
    Q_OBJECT
public:
    MatlabTextView(const QString &path, const core::MatlabText &text, QWidget *parent = nullptr);

    QString datasetPath() const { return m_path; }
    QString text() const; // what the view shows

Q_SIGNALS:
    void codesRequested(const QString &path);

private:
    QString m_path;
    QPlainTextEdit *m_text;
};

} // namespace hs::ui
