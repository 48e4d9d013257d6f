// Verilated -*- C++ -*-
// DESCRIPTION: Verilator output: Model implementation (design independent parts)

#include "Vzz_smoke.h"
#include "Vzz_smoke__Syms.h"
#include "verilated_fst_c.h"

//============================================================
// Constructors

Vzz_smoke::Vzz_smoke(VerilatedContext* _vcontextp__, const char* _vcname__)
    : VerilatedModel{*_vcontextp__}
    , vlSymsp{new Vzz_smoke__Syms(contextp(), _vcname__, this)}
    , clk{vlSymsp->TOP.clk}
    , rst{vlSymsp->TOP.rst}
    , in_data{vlSymsp->TOP.in_data}
    , out_data{vlSymsp->TOP.out_data}
    , rootp{&(vlSymsp->TOP)}
{
    // Register model with the context
    contextp()->addModel(this);
}

Vzz_smoke::Vzz_smoke(const char* _vcname__)
    : Vzz_smoke(Verilated::threadContextp(), _vcname__)
{
}

//============================================================
// Destructor

Vzz_smoke::~Vzz_smoke() {
    delete vlSymsp;
}

//============================================================
// Evaluation function

#ifdef VL_DEBUG
void Vzz_smoke___024root___eval_debug_assertions(Vzz_smoke___024root* vlSelf);
#endif  // VL_DEBUG
void Vzz_smoke___024root___eval_static(Vzz_smoke___024root* vlSelf);
void Vzz_smoke___024root___eval_initial(Vzz_smoke___024root* vlSelf);
void Vzz_smoke___024root___eval_settle(Vzz_smoke___024root* vlSelf);
void Vzz_smoke___024root___eval(Vzz_smoke___024root* vlSelf);

void Vzz_smoke::eval_step() {
    VL_DEBUG_IF(VL_DBG_MSGF("+++++TOP Evaluate Vzz_smoke::eval_step\n"); );
#ifdef VL_DEBUG
    // Debug assertions
    Vzz_smoke___024root___eval_debug_assertions(&(vlSymsp->TOP));
#endif  // VL_DEBUG
    vlSymsp->__Vm_activity = true;
    if (VL_UNLIKELY(!vlSymsp->__Vm_didInit)) {
        vlSymsp->__Vm_didInit = true;
        VL_DEBUG_IF(VL_DBG_MSGF("+ Initial\n"););
        Vzz_smoke___024root___eval_static(&(vlSymsp->TOP));
        Vzz_smoke___024root___eval_initial(&(vlSymsp->TOP));
        Vzz_smoke___024root___eval_settle(&(vlSymsp->TOP));
    }
    // MTask 0 start
    VL_DEBUG_IF(VL_DBG_MSGF("MTask0 starting\n"););
    Verilated::mtaskId(0);
    VL_DEBUG_IF(VL_DBG_MSGF("+ Eval\n"););
    Vzz_smoke___024root___eval(&(vlSymsp->TOP));
    // Evaluate cleanup
    Verilated::endOfThreadMTask(vlSymsp->__Vm_evalMsgQp);
    Verilated::endOfEval(vlSymsp->__Vm_evalMsgQp);
}

//============================================================
// Events and timing
bool Vzz_smoke::eventsPending() { return false; }

uint64_t Vzz_smoke::nextTimeSlot() {
    VL_FATAL_MT(__FILE__, __LINE__, "", "%Error: No delays in the design");
    return 0;
}

//============================================================
// Utilities

const char* Vzz_smoke::name() const {
    return vlSymsp->name();
}

//============================================================
// Invoke final blocks

void Vzz_smoke___024root___eval_final(Vzz_smoke___024root* vlSelf);

VL_ATTR_COLD void Vzz_smoke::final() {
    Vzz_smoke___024root___eval_final(&(vlSymsp->TOP));
}

//============================================================
// Implementations of abstract methods from VerilatedModel

const char* Vzz_smoke::hierName() const { return vlSymsp->name(); }
const char* Vzz_smoke::modelName() const { return "Vzz_smoke"; }
unsigned Vzz_smoke::threads() const { return 1; }
std::unique_ptr<VerilatedTraceConfig> Vzz_smoke::traceConfig() const {
    return std::unique_ptr<VerilatedTraceConfig>{new VerilatedTraceConfig{false, false, false}};
};

//============================================================
// Trace configuration

void Vzz_smoke___024root__trace_init_top(Vzz_smoke___024root* vlSelf, VerilatedFst* tracep);

VL_ATTR_COLD static void trace_init(void* voidSelf, VerilatedFst* tracep, uint32_t code) {
    // Callback from tracep->open()
    Vzz_smoke___024root* const __restrict vlSelf VL_ATTR_UNUSED = static_cast<Vzz_smoke___024root*>(voidSelf);
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    if (!vlSymsp->_vm_contextp__->calcUnusedSigs()) {
        VL_FATAL_MT(__FILE__, __LINE__, __FILE__,
            "Turning on wave traces requires Verilated::traceEverOn(true) call before time 0.");
    }
    vlSymsp->__Vm_baseCode = code;
    tracep->scopeEscape(' ');
    tracep->pushNamePrefix(std::string{vlSymsp->name()} + ' ');
    Vzz_smoke___024root__trace_init_top(vlSelf, tracep);
    tracep->popNamePrefix();
    tracep->scopeEscape('.');
}

VL_ATTR_COLD void Vzz_smoke___024root__trace_register(Vzz_smoke___024root* vlSelf, VerilatedFst* tracep);

VL_ATTR_COLD void Vzz_smoke::trace(VerilatedFstC* tfp, int levels, int options) {
    if (tfp->isOpen()) {
        vl_fatal(__FILE__, __LINE__, __FILE__,"'Vzz_smoke::trace()' shall not be called after 'VerilatedFstC::open()'.");
    }
    if (false && levels && options) {}  // Prevent unused
    tfp->spTrace()->addModel(this);
    tfp->spTrace()->addInitCb(&trace_init, &(vlSymsp->TOP));
    Vzz_smoke___024root__trace_register(&(vlSymsp->TOP), tfp->spTrace());
}
