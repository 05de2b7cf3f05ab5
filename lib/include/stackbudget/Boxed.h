//===- Boxed.h - An optional part that costs a pointer when absent --------===//
//
// Most call records lack their largest optional parts (the struct field and
// the slot an indirect call loads its callee from), and a whole-program
// check holds ten million of them: std::optional keeps the part's bytes in
// every record. Boxed has std::optional's interface but keeps the value on
// the heap, so an absent part costs one pointer. Copies are deep: a Boxed
// is a value, not a shared reference.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_BOXED_H
#define STACKBUDGET_BOXED_H

#include <memory>
#include <optional>
#include <utility>

namespace stackbudget {

template <typename T> class Boxed {
public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}
  Boxed(const T &V) : P(std::make_unique<T>(V)) {}
  Boxed(T &&V) : P(std::make_unique<T>(std::move(V))) {}
  Boxed(const std::optional<T> &O)
      : P(O ? std::make_unique<T>(*O) : nullptr) {}
  Boxed(const Boxed &O) : P(O.P ? std::make_unique<T>(*O.P) : nullptr) {}
  Boxed(Boxed &&) noexcept = default;
  Boxed &operator=(const Boxed &O) {
    if (this != &O)
      P = O.P ? std::make_unique<T>(*O.P) : nullptr;
    return *this;
  }
  Boxed &operator=(Boxed &&) noexcept = default;
  Boxed &operator=(std::nullopt_t) {
    P.reset();
    return *this;
  }

  bool has_value() const { return P != nullptr; }
  explicit operator bool() const { return has_value(); }
  T &operator*() { return *P; }
  const T &operator*() const { return *P; }
  T *operator->() { return P.get(); }
  const T *operator->() const { return P.get(); }
  template <typename... Args> T &emplace(Args &&...A) {
    P = std::make_unique<T>(std::forward<Args>(A)...);
    return *P;
  }
  void reset() { P.reset(); }

  friend bool operator==(const Boxed &A, const Boxed &B) {
    return A && B ? *A == *B : A.has_value() == B.has_value();
  }
  friend bool operator!=(const Boxed &A, const Boxed &B) { return !(A == B); }

private:
  std::unique_ptr<T> P;
};

} // namespace stackbudget

#endif // STACKBUDGET_BOXED_H
