# Chapter 3's model with its projections quantized
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 06-qlora-model-loss.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '06-qlora-model-loss.png'
set termoption noenhanced
set title 'Chapter 3'."'".'s model with its projections quantized' font ',15'
set xlabel ''
set ylabel 'validation loss (nats)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set yrange [0.5803602:0.6003004]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set xtics ('float32' 0, 'int8 (absmax)' 1, 'Int4 (absmax)' 2, 'FP4' 3, 'NF4' 4, 'NF4 + double quantization' 5) rotate by -30
set style fill solid 0.75 border lc rgb '#333333'
set boxwidth 0.8 relative
set yrange [0.580:*]
plot '06-qlora-model-loss.dat' index 0 using 1:2 with boxes lt 1 title 'validation loss'
